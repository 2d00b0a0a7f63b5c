/**
 * AXML text → a raw element tree with offsets (htmlparser2 in XML mode: tags and attribute names keep their case,
 * `<x/>` closes itself). `<` and `>` inside `{{ }}` are masked before parsing (same length, so offsets hold) and
 * restored in the values.
 */
import { Parser } from 'htmlparser2';

export interface RawAttr {
  name: string;
  value: string;
  /** offset of the attribute's name */
  at: number;
  /** offset of the value's first character (after the quote) */
  valueAt: number;
}

export type RawNode =
  | { type: 'el'; tag: string; attrs: RawAttr[]; kids: RawNode[]; at: number }
  | { type: 'text'; text: string; at: number };

export interface RawError {
  offset: number;
  message: string;
  hint?: string;
}

const LT = '\uE000';
const GT = '\uE001';

function mask(source: string): string {
  return source.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replaceAll('<', LT).replaceAll('>', GT));
}

function unmask(text: string): string {
  return text.includes(LT) || text.includes(GT) ? text.replaceAll(LT, '<').replaceAll(GT, '>') : text;
}

/** Where an attribute's value starts: after `name`, optional spaces, `=`, spaces and the quote. */
function valueOffset(source: string, nameAt: number, name: string): number {
  let i = nameAt + name.length;
  while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  if (source[i] !== '=') return i;
  i++;
  while (i < source.length && /\s/.test(source[i] ?? '')) i++;
  if (source[i] === '"' || source[i] === "'") i++;
  return i;
}

export function parseAxml(source: string): { nodes: RawNode[]; errors: RawError[] } {
  const masked = mask(source);
  const root: RawNode[] = [];
  const stack: Array<Extract<RawNode, { type: 'el' }>> = [];
  const errors: RawError[] = [];
  let attrs: RawAttr[] = [];
  const kids = () => stack[stack.length - 1]?.kids ?? root;
  const parser: Parser = new Parser(
    {
      onattribute(name, value) {
        attrs.push({
          name,
          value: unmask(value),
          at: parser.startIndex,
          valueAt: valueOffset(masked, parser.startIndex, name),
        });
      },
      onopentag(tag) {
        const el: Extract<RawNode, { type: 'el' }> = { type: 'el', tag, attrs, kids: [], at: parser.startIndex };
        attrs = [];
        kids().push(el);
        stack.push(el);
      },
      onclosetag(tag, implied) {
        const el = stack.pop();
        // a self-closing tag is "implied" too, at its own start; any other implied close is a missing end tag
        if (el && implied && parser.startIndex !== el.at) {
          errors.push({
            offset: el.at,
            message: `<${tag}> is not closed`,
            hint: `add </${tag}> or write <${tag} … />`,
          });
        }
      },
      ontext(text) {
        const list = kids();
        const last = list[list.length - 1];
        if (last?.type === 'text') last.text += unmask(text);
        else list.push({ type: 'text', text: unmask(text), at: parser.startIndex });
      },
    },
    {
      xmlMode: true,
      recognizeSelfClosing: true,
      lowerCaseTags: false,
      lowerCaseAttributeNames: false,
      decodeEntities: true,
    },
  );
  parser.end(masked);
  return { nodes: root, errors };
}
