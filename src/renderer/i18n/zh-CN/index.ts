// Kept so the pages' `import { t } from '../i18n/zh-CN/index'` goes on working: `t` is the catalogue of the
// language chosen in 设置 (zh-CN unless switched), see ../index.ts. New code: `import { t } from '../i18n'`.
export { t, type Catalogue } from '../index';
