import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMethod, methodNames, type PushEvent } from '../shared/contract';
import { IPC_INVOKE, IPC_PUSH, type StudioBridge } from '../shared/bridge';

// The only door between the sandboxed renderer and main: the contract's methods, nothing else.
const bridge: StudioBridge = {
  methods: Object.freeze([...methodNames]),
  invoke(method, request) {
    if (!isMethod(method)) return Promise.reject(new Error(`unknown method ${String(method)}`));
    return ipcRenderer.invoke(IPC_INVOKE, method, request);
  },
  onPush(listener) {
    const wrapped = (_e: IpcRendererEvent, event: PushEvent) => listener(event);
    ipcRenderer.on(IPC_PUSH, wrapped);
    return () => ipcRenderer.removeListener(IPC_PUSH, wrapped);
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
