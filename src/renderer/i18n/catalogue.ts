import type { zhCN } from './zh-CN/catalogue';

// The catalogue's type: the zh-CN catalogue's shape with every text widened to string (functions keep their
// parameters). en-US is declared with this type, so a missing or misspelt entry fails typecheck.

export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer U)[]
      ? readonly Widen<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Widen<T[K]> }
        : T;

export type Catalogue = Widen<typeof zhCN>;
