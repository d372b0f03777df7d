// The station's own settings store and 证件号 hash key.
// The folder's public face: other folders (and core/) import from here.
export { loadIdHasher, type IdHasher } from './id-hasher';
export { DEFAULT_STATION_CODE, StationSettings } from './station-settings';
