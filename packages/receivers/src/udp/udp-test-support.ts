import { createSocket } from 'node:dgram';

/** For UDP receiver tests: sends each datagram to 127.0.0.1:`port`, in order, one at a time. */
export async function sendDatagrams(port: number, datagrams: readonly Uint8Array[]): Promise<void> {
  const socket = createSocket('udp4');
  try {
    for (const d of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(d, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    }
  } finally {
    socket.close();
  }
}

/**
 * Waits until `condition()` holds, checking every few milliseconds: UDP gives the sender no
 * acknowledgement, so tests watch for the effect. The deadline only turns a hang into a failure.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, deadlineMs = 5000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
