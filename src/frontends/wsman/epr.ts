import type { Out } from './envelope';
import { ANONYMOUS, NS } from './ns';
import { esc, escAttr } from './xml/write';

/**
 * The content of an endpoint reference (DSP0226 §5.1): anonymous Address, then
 * ReferenceParameters with ResourceURI and SelectorSet. In Windows layout the SelectorSet
 * declares its namespace itself, so that a client copying the lines as text (wsl) keeps the
 * prefix bound (research/wsman.md §6.2).
 */
export function eprContent(out: Out, uri: string, selectors: ReadonlyArray<readonly [string, string]>): string {
  const { a, w } = out.style;
  const decl = out.style.name === 'windows' ? ` xmlns:${w}="${NS.w}"` : '';
  const sel = selectors.map(([k, v]) => `<${w}:Selector Name="${escAttr(k)}">${esc(v)}</${w}:Selector>`).join('');
  return (
    `<${a}:Address>${ANONYMOUS}</${a}:Address><${a}:ReferenceParameters><${w}:ResourceURI>${esc(uri)}</${w}:ResourceURI>` +
    (selectors.length ? `<${w}:SelectorSet${decl}>${sel}</${w}:SelectorSet>` : '') +
    `</${a}:ReferenceParameters>`
  );
}
