// Station settings (设置) as the API exposes them.
// The folder's public face: other folders (and core/) import from here.
export { settingsHandlers } from './settings-handlers';
export { SettingsService } from './settings-service';
