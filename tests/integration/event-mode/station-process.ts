// One station of the multi-process event test, as `studio host` runs it (createStudio with its background workers +
// the web host on 127.0.0.1), but from source (tsx) and with photo production off: the test's photos are noise and
// only who they are bound to matters. Usage: node --import tsx station-process.ts <dataDir> <port>
import { createStudio } from '../../../src/main/core/studio';
import { startHost } from '../../../src/main/host/host';

const [dataDir, port] = process.argv.slice(2);
const studio = createStudio({ dataDir: dataDir!, syncWorker: true, producer: null, log: () => {} });
const host = await startHost({ studio, rendererDir: dataDir!, port: Number(port), advertise: false });
process.stdout.write(`LISTENING ${host.url}\n`);
process.on('SIGINT', () => {
  void host
    .close()
    .then(() => studio.close())
    .then(() => process.exit(0));
});
