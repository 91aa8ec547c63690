import type { z } from 'zod';
import { appChannels } from './channels/app-channels';
import { analysisChannels } from './channels/analysis-channels';
import { compareChannels } from './channels/compare-channels';
import { imageChannels } from './channels/image-channels';
import { pacsChannels } from './channels/pacs-channels';
import { reportChannels } from './channels/report-channels';
import { settingsChannels } from './channels/settings-channels';
import { standardsChannels } from './channels/standards-channels';
import { studyChannels } from './channels/study-channels';
import type { BinaryChannel, BinaryPayload, ChannelDefinition, JsonChannel } from './define-channel';

/**
 * The one API between the renderer and the core. Each channel is declared once here; the Electron
 * IPC transport, the preload, the loopback HTTP host and the renderer client are all generated
 * from this object, so adding a channel here is the only step needed to expose it.
 */
export const apiContract = {
  ...appChannels,
  ...studyChannels,
  ...analysisChannels,
  ...reportChannels,
  ...settingsChannels,
  ...compareChannels,
  ...pacsChannels,
  ...standardsChannels,
  ...imageChannels,
} as const satisfies Record<string, ChannelDefinition>;

export type ApiContract = typeof apiContract;
export type ChannelName = keyof ApiContract;
export const channelNames = Object.keys(apiContract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

/** What a caller passes (before schema defaults are applied). */
export type RequestOf<C extends ChannelName> = z.input<ApiContract[C]['request']>;
/** What a handler receives (after validation). */
export type ParsedRequestOf<C extends ChannelName> = z.output<ApiContract[C]['request']>;
export type ResponseOf<C extends ChannelName> =
  ApiContract[C] extends BinaryChannel<z.ZodType, infer Meta>
    ? BinaryPayload<z.output<Meta>>
    : ApiContract[C] extends JsonChannel<z.ZodType, infer Res>
      ? z.output<Res>
      : never;

/** The typed client surface the renderer uses: one async function per channel. */
export type ApiClient = { [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export const IPC_CHANNEL_PREFIX = 'radground:';
export const IPC_EVENT_CHANNEL = 'radground-event';
export function ipcChannelFor(name: ChannelName): string {
  return IPC_CHANNEL_PREFIX + name;
}
