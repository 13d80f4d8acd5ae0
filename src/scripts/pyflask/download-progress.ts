/**
 * Counts the bytes Pyodide downloads, for the progress bar: the worker's fetch is wrapped so each
 * response's body is counted as it streams (Pyodide fetches its own files; this sees them all).
 */
export function countDownloads(total: number, report: (loaded: number, total: number) => void): void {
  const original = globalThis.fetch.bind(globalThis);
  let loaded = 0;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    if (!response.body) return response;
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        report(Math.min(loaded, total), total);
        controller.enqueue(chunk);
      },
    });
    // Status and headers kept: WebAssembly.instantiateStreaming needs Content-Type application/wasm.
    return new Response(response.body.pipeThrough(counting), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
