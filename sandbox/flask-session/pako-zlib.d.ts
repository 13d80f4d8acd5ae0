// Types for the pako 2 internals that zlib.ts reuses (the package's "./lib/zlib/*" export).
declare module 'pako/lib/zlib/zstream.js' {
  /** zlib's z_stream, as pako ports it. */
  export default class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    output: Uint8Array | null;
    next_out: number;
    avail_out: number;
    msg: string;
    /** The deflate or inflate state (pako internals). */
    state: unknown;
  }
}

declare module 'pako/lib/zlib/deflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';

  const deflate: {
    deflateInit2(
      strm: ZStream,
      level: number,
      method: number,
      windowBits: number,
      memLevel: number,
      strategy: number,
      legacyHash: boolean,
    ): number;
    deflateReset(strm: ZStream): number;
    deflate(strm: ZStream, flush: number): number;
  };
  export default deflate;
}

declare module 'pako/lib/zlib/inflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';

  const inflate: {
    inflateInit2(strm: ZStream, windowBits: number): number;
    inflateReset(strm: ZStream): number;
    inflate(strm: ZStream, flush: number): number;
  };
  export default inflate;
}
