/**
 * The Content-Type a ticket file is kept and served with. The PD2 client shows `text/*` as
 * text, `image/*` as an image, and offers anything else as a download, so: images by their
 * real type (their first bytes, never the name or what the uploader claimed), text as
 * `text/plain; charset=utf-8` (never text/html, so an uploaded page cannot run as one), and
 * everything else as application/octet-stream.
 */
export const TEXT = 'text/plain; charset=utf-8';
export const BINARY = 'application/octet-stream';
/** How many first bytes the sniffing looks at. */
export const SNIFF_BYTES = 8192;

const TEXT_EXTENSIONS = new Set(
  (
    'txt text md markdown rst csv tsv log ini cfg conf toml yaml yml json jsonc xml html htm css scss sass less ' +
    'java kt kts scala groovy gradle c h cc cpp cxx hpp hh cs go rs py pyw rb php pl pm lua r m mm swift dart js mjs cjs ' +
    'jsx ts tsx vue svelte sh bash zsh fish ps1 bat cmd sql graphql proto tex bib makefile mk cmake dockerfile gitignore ' +
    'properties env asm s hs ml mli ex exs erl clj lisp el vim diff patch'
  ).split(' '),
);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  return dot === -1 ? name : name.slice(dot + 1);
}

const startsWith = (head: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (head: Uint8Array, at: number, text: string) => [...text].every((c, i) => head[at + i] === c.charCodeAt(0));

function imageTypeOf(head: Uint8Array, extension: string): string | null {
  if (startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (startsWith(head, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (extension === 'bmp' && ascii(head, 0, 'BM')) return 'image/bmp';
  if (extension === 'ico' && startsWith(head, 0, 0, 1, 0)) return 'image/x-icon';
  return null;
}

/** UTF-8 without NUL characters (a character cut at the end of the sniffed bytes still counts). */
function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  let end = head.length;
  if (!complete) {
    // Drop a multi-byte character the sniffing window cut in two.
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1] & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && head[end - back - 1] >= 0xc0) end -= back + 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file from its path and first bytes (`head`, up to SNIFF_BYTES; `complete` when
 * that is the whole file). SVG is served as an image only because the responses forbid scripts.
 */
export function contentTypeOf(path: string, head: Uint8Array, complete: boolean): string {
  const extension = extensionOf(path);
  const image = imageTypeOf(head, extension);
  if (image) return image;
  const text = looksLikeText(head, complete);
  if (extension === 'svg' && text) return 'image/svg+xml';
  if (text || (TEXT_EXTENSIONS.has(extension) && !head.includes(0))) return TEXT;
  return BINARY;
}

/** A download name for Content-Disposition: the ASCII fallback and the RFC 8187 UTF-8 form. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'file';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
