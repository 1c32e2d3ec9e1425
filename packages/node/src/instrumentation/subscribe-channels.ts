import diagnosticsChannel from 'node:diagnostics_channel';

type ChannelListener = (message: unknown, name: string | symbol) => void;

/**
 * Subscribes each listener to its diagnostics channel; the function returned unsubscribes them
 * all. One place for the pairing, so an instrumentation cannot unsubscribe a different set than
 * it subscribed.
 */
export function subscribeChannels(listeners: ReadonlyArray<readonly [channel: string, listener: ChannelListener]>): () => void {
  for (const [channel, listener] of listeners) diagnosticsChannel.subscribe(channel, listener);
  return () => {
    for (const [channel, listener] of listeners) diagnosticsChannel.unsubscribe(channel, listener);
  };
}
