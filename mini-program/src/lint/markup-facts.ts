/**
 * What lint reads from a view's AXML (the file and everything it includes or imports): the event bindings with
 * their places, and the buttons that take part in the phone-number flow.
 */
import { LineIndex } from '../axml/line-index.js';
import { parseAxml, type RawAttr, type RawNode } from '../axml/parse-axml.js';
import { eventAttribute, wechatAttribute } from '../axml/tags.js';
import { resolveProjectPath, withExtension } from '../project/project-path.js';

export interface MarkupPlace {
  file: string;
  line: number;
  column: number;
}

export interface Binding extends MarkupPlace {
  attr: string;
  handler: string;
  /** onGetAuthorize on a button (the consent callback) */
  authorize: boolean;
}

export interface ButtonFacts extends MarkupPlace {
  openType?: string;
  scope?: string;
  attrs: Map<string, RawAttr>;
}

export interface WechatAttr extends MarkupPlace {
  attr: string;
  alipay: string;
}

export interface MarkupFacts {
  bindings: Binding[];
  buttons: ButtonFacts[];
  wechat: WechatAttr[];
}

export function markupFacts(file: string, read: (path: string) => string | undefined): MarkupFacts {
  const facts: MarkupFacts = { bindings: [], buttons: [], wechat: [] };
  const visited = new Set<string>();
  const visit = (f: string) => {
    if (visited.has(f)) return;
    visited.add(f);
    const text = read(f);
    if (text === undefined) return;
    const lines = new LineIndex(text);
    const at = (offset: number): MarkupPlace => ({ file: f, ...lines.at(offset) });
    const walk = (nodes: RawNode[]) => {
      for (const node of nodes) {
        if (node.type !== 'el') continue;
        const attrs = new Map(node.attrs.map((a) => [a.name, a]));
        if ((node.tag === 'include' || node.tag === 'import') && attrs.get('src')) {
          const target = resolveProjectPath(f, withExtension(attrs.get('src')?.value ?? '', '.axml'));
          if (target !== undefined) visit(target);
        }
        const openType = attrs.get('open-type')?.value;
        for (const a of node.attrs) {
          const wechat = wechatAttribute(a.name);
          if (wechat) facts.wechat.push({ ...at(a.at), attr: a.name, alipay: wechat.alipay });
          const ev = eventAttribute(a.name);
          if (ev && !a.value.includes('{{'))
            facts.bindings.push({
              ...at(a.at),
              attr: a.name,
              handler: a.value.trim(),
              // the consent callback (a button missing open-type/scope is a finding of its own)
              authorize: node.tag === 'button' && ev.ev === 'getAuthorize',
            });
        }
        if (node.tag === 'button')
          facts.buttons.push({
            ...at(node.at),
            ...(openType !== undefined ? { openType } : {}),
            ...(attrs.get('scope') ? { scope: attrs.get('scope')?.value } : {}),
            attrs,
          });
        walk(node.kids);
      }
    };
    walk(parseAxml(text).nodes);
  };
  visit(file);
  return facts;
}
