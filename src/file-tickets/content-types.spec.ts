import { BINARY, contentDisposition, contentTypeOf, TEXT } from './content-types';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('contentTypeOf', () => {
  it('serves images by their first bytes, whatever their name says', () => {
    expect(contentTypeOf('photo.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2), false)).toBe('image/png');
    expect(contentTypeOf('renamed.txt', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), false)).toBe('image/jpeg');
    expect(contentTypeOf('a.gif', text('GIF89a....'), false)).toBe('image/gif');
    expect(contentTypeOf('a.webp', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), false)).toBe('image/webp');
    expect(contentTypeOf('fake.png', text('not a png at all'), true)).toBe(TEXT);
  });

  it('serves source and text as text/plain in UTF-8, HTML included, never as text/html', () => {
    expect(contentTypeOf('src/Main.java', text('public class Main {}\n'), true)).toBe(TEXT);
    expect(contentTypeOf('page.html', text('<script>alert(1)</script>'), true)).toBe(TEXT);
    expect(contentTypeOf('README', text('讀我 — résumé'), true)).toBe(TEXT);
    expect(contentTypeOf('empty.bin', new Uint8Array(0), true)).toBe(TEXT);
  });

  it('keeps a multi-byte character cut by the sniffing window as text', () => {
    const head = text('aaa中').subarray(0, 5); // 'aaa' + two of the three bytes of 中
    expect(contentTypeOf('notes', head, false)).toBe(TEXT);
    expect(contentTypeOf('notes', head, true)).toBe(BINARY);
  });

  it('serves binary content as application/octet-stream', () => {
    expect(contentTypeOf('Main.class', bytes(0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0x34), false)).toBe(BINARY);
    expect(contentTypeOf('data.java', bytes(0x61, 0x00, 0x62), true)).toBe(BINARY);
    expect(contentTypeOf('latin1.txt', bytes(0x63, 0x61, 0x66, 0xe9, 0x20), true)).toBe(TEXT);
    expect(contentTypeOf('latin1.dat', bytes(0x63, 0x61, 0x66, 0xe9, 0x20), true)).toBe(BINARY);
  });

  it('types SVG as an image only when it is text', () => {
    expect(contentTypeOf('icon.svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>'), true)).toBe('image/svg+xml');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'Main.java')).toBe(`inline; filename="Main.java"; filename*=UTF-8''Main.java`);
    expect(contentDisposition('attachment', '報告 "final".txt')).toBe(`attachment; filename="__ _final_.txt"; filename*=UTF-8''%E5%A0%B1%E5%91%8A%20%22final%22.txt`);
  });
});
