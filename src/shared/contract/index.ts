import type { z } from 'zod';
import { appContract } from './app';
import { cameraContract, cameraPush } from './camera';
import { eventsContract, eventsPush } from './events';
import { visionContract } from './vision';
import { productionContract } from './production';
import { exportsContract, exportsPush } from './exports';
import { receiptsContract } from './receipts';
import { checkinContract } from './checkin';
import { ordersContract, ordersPush } from './orders';
import { paymentsContract, paymentsPush } from './payments';
import { capturesContract } from './captures';
import { rosterContract, rosterPush } from './roster';
import { syncContract, syncPush } from './sync';
import { settingsContract, settingsPush } from './settings';
import { statsContract } from './stats';
import { eventModeContract, eventModePush } from './event-mode';

// The one API of the studio: method name → request/response schemas, assembled from one file per
// domain. main implements it, the preload and the web host expose it, the renderer calls it.

export { AppInfo, Empty } from './app';

export const contract = {
  ...appContract,
  ...eventsContract,
  ...visionContract,
  ...cameraContract,
  ...rosterContract,
  ...checkinContract,
  ...ordersContract,
  ...capturesContract,
  ...paymentsContract,
  ...productionContract,
  ...receiptsContract,
  ...exportsContract,
  ...syncContract,
  ...settingsContract,
  ...statsContract,
  ...eventModeContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Req<M extends Method> = z.input<Contract[M]['request']>;
export type ParsedReq<M extends Method> = z.output<Contract[M]['request']>;
export type Res<M extends Method> = z.output<Contract[M]['response']>;

export const methodNames = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from main to every connected UI (IPC or SSE). */
export const pushEvents = {
  ...eventsPush,
  ...cameraPush,
  ...ordersPush,
  ...paymentsPush,
  ...rosterPush,
  ...exportsPush,
  ...syncPush,
  ...settingsPush,
  ...eventModePush,
} as const;
export type PushEventName = keyof typeof pushEvents;
export type PushEvent<N extends PushEventName = PushEventName> = {
  [K in N]: { name: K; data: z.output<(typeof pushEvents)[K]> };
}[N];

/** The typed client the renderer uses, whatever the transport. */
export interface StudioClient {
  call<M extends Method>(method: M, request: Req<M>): Promise<Res<M>>;
  subscribe(listener: (event: PushEvent) => void): () => void;
}
