import { PGlite } from '@electric-sql/pglite';
import { readFile, writeFile } from 'node:fs/promises';
const mode = process.argv[2];
if (mode === 'make') {
  const p = await PGlite.create('memory://');
  await p.exec('create table t(x int); insert into t values (1)');
  await writeFile('/tmp/ts/probe/nockpt.tar', Buffer.from(await (await p.dumpDataDir('none')).arrayBuffer()));
  await p.exec('checkpoint');
  await writeFile('/tmp/ts/probe/ckpt.tar', Buffer.from(await (await p.dumpDataDir('none')).arrayBuffer()));
  await p.close();
} else {
  const t = performance.now();
  const p = await PGlite.create('memory://', { loadDataDir: new Blob([await readFile(`/tmp/ts/probe/${mode}.tar`)]) });
  await p.query('select * from t');
  console.log(mode, Math.round(performance.now() - t), 'cpu', Math.round(process.cpuUsage().user / 1000));
  await p.close();
}
