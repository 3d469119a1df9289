/**
 * The BatonApi methods that stream their answers (the generated types cannot tell): the typed
 * handlers and clients (ServiceHandlers / ServiceClient) take this to type them as streams.
 */
export type BatonApiStreams = 'WatchInstance' | 'WatchInstances';
