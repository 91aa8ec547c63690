import { describe, expect, it } from 'vitest';
import { childNumber, childrenNamed, parseXml } from '../../../electron/core/evaluation/bounded-xml';

describe('bounded XML reader (hostile annotation files)', () => {
  it('reads elements, text, namespaces, comments, CDATA and the predefined entities', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a:root xmlns:a="x"><v>1 &lt; 2 &amp; &#65;</v><v><![CDATA[<raw>]]></v><n>4.5</n><e/></a:root>', 't');
    expect(root.name).toBe('root');
    expect(childrenNamed(root, 'v').map((v) => v.text)).toEqual(['1 < 2 & A', '<raw>']);
    expect(childNumber(root, 'n')).toBe(4.5);
    expect(root.children.map((c) => c.name)).toEqual(['v', 'v', 'n', 'e']);
  });

  it('refuses DOCTYPE (no entity can be declared, so none is expanded) and unknown entities', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><r>&lol2;</r>';
    expect(() => parseXml(bomb, 'bomb')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_INPUT' }));
    expect(() => parseXml('<r>&lol;</r>', 't')).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT' }));
  });

  it('types malformed input and enforces size, element and depth limits', () => {
    for (const bad of ['<r><a></r>', '<r>', 'text', '<r></r><r></r>', '<1bad></1bad>', '<r a="1></r>']) {
      expect(() => parseXml(bad, 't'), bad).toThrow(expect.objectContaining({ code: 'CORRUPT_INPUT' }));
    }
    expect(() => parseXml('<r>' + 'x'.repeat(100) + '</r>', 't', { maxChars: 50, maxElements: 10, maxDepth: 10 })).toThrow(/limit/);
    expect(() => parseXml('<r>' + '<a/>'.repeat(20) + '</r>', 't', { maxChars: 1e6, maxElements: 10, maxDepth: 10 })).toThrow(/elements/);
    expect(() => parseXml('<a>'.repeat(20) + '</a>'.repeat(20), 't', { maxChars: 1e6, maxElements: 100, maxDepth: 10 })).toThrow(/deeper/);
  });
});
