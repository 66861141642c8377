const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Character data: & < > (quotes stay as they are in text, as WinRM writes them). */
export function esc(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/[&<>]/g, (c) => ESC[c]) : s;
}
/** A double-quoted attribute value. */
export function escAttr(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ESC[c]) : s;
}

/** <p:name attrs>text</p:name>, or <p:name attrs/> when text is empty and selfClose. */
export function el(qname: string, content: string, attrs = ''): string {
  return `<${qname}${attrs}>${content}</${qname}>`;
}
export function textEl(qname: string, text: string, attrs = ''): string {
  return `<${qname}${attrs}>${esc(text)}</${qname}>`;
}

/** Re-indent a compact XML string for -format:pretty (elements only; text kept inline). */
export function prettyXml(xml: string, indent = '    '): string {
  const tokens = xml.match(/<[^>]+>|[^<]+/g) ?? [];
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.startsWith('</')) {
      depth--;
      out.push(indent.repeat(depth) + t);
    } else if (t.startsWith('<?')) {
      out.push(t);
    } else if (t.startsWith('<')) {
      const selfClosing = t.endsWith('/>');
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (!selfClosing && next !== undefined && !next.startsWith('<') && after?.startsWith('</')) {
        out.push(indent.repeat(depth) + t + next + after);
        i += 2;
      } else {
        out.push(indent.repeat(depth) + t);
        if (!selfClosing) depth++;
      }
    } else if (t.trim()) {
      out.push(indent.repeat(depth) + t.trim());
    }
  }
  return out.join('\n');
}
