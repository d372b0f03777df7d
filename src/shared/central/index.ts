// The central collection API shared by the reference server (src/server) and the station's sync client.
export * from './api';
