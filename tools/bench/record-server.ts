/**
 * The study-record service for the load test, in a process of its own as `npm start` runs it
 * (so the bench's own heap and timers do not share its event loop): a fresh SQLite store in
 * `<dataDir>`, one branch credential for the load generator. Started by tools/bench/records.ts:
 *
 *   node --import tsx tools/bench/record-server.ts '{"distDir": "…", "dataDir": "…"}'
 *
 * Prints one JSON line, `{ url, auth, store }` or `{ error }`, then serves until SIGTERM.
 */
import { createCredential } from '../../server/xapi/auth';
import { startServer } from '../../server/main';

const { distDir, dataDir } = JSON.parse(process.argv[2] ?? '{}') as { distDir: string; dataDir: string };
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const server = await startServer({ distDir, port: 0, host: '127.0.0.1', httpsPort: false, dataDir, lanAddresses: [], log: () => {}, records: {} });
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (!server.records) {
    say({ error: 'startServer({ records }) did not open a statement store' });
    return;
  }
  const { record, secret } = await createCredential({ branch: 'bench', name: 'tools/bench', scopes: ['write'] });
  await server.records.addCredential(record);
  const auth = `Basic ${Buffer.from(`${record.key}:${secret}`).toString('base64')}`;
  say({ url: server.httpUrl, auth, store: `${server.records.kind} (${server.records.location.replace(dataDir, '<temp>')})` });
}

main().catch((error: unknown) => {
  say({ error: (error as Error).message.split('\n')[0] ?? String(error) });
  process.exit(1);
});
