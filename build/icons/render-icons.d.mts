export declare const ICON_OUT_DIR: string;
export declare function renderPngs(svg: string, sizes: number[]): Promise<{ size: number; png: Buffer }[]>;
export declare function renderIcons(outDir?: string, svgPath?: string): Promise<string>;
