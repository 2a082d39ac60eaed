/**
 * The training worker: runs src/train/engine.ts off the page's thread. Loaded by
 * src/train/client.ts as `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`,
 * which Vite bundles into its own file (same origin: the CSP's `worker-src 'self'` allows it).
 */
import { TrainEngine } from './engine';
import type { ToWorker } from './protocol';

const scope = self as unknown as {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};

// A MessageChannel hands control back between slices without setTimeout's 4 ms clamp on nested
// timers, and lets the page's commands (pause, seek) in between.
const channel = new MessageChannel();
const queue: (() => void)[] = [];
channel.port1.onmessage = () => queue.shift()?.();

const engine = new TrainEngine(
  (message, transfer) => scope.postMessage(message, transfer),
  (fn, ms) => {
    if (ms > 0) {
      setTimeout(fn, ms);
      return;
    }
    queue.push(fn);
    channel.port2.postMessage(null);
  },
);

scope.onmessage = (e) => engine.handle(e.data);
