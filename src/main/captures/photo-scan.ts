import type { Db } from '../db/open';
import type { PhotoRepo } from './photo-repo';
import type { PhotoStore } from './photo-store';

export interface ScanReport {
  orphans: number;
  missingRows: number;
  tempFilesRemoved: number;
}

/**
 * Startup reconciliation of files and rows. Files without a row (a crash between the fsync and the commit)
 * are kept and reported as orphans; rows whose file is gone are marked missing, so no current photo points
 * at a missing file, and reported loudly.
 */
export function scanPhotos(
  db: Db,
  store: PhotoStore,
  repo: PhotoRepo,
  now: () => Date,
  log: (msg: string) => void,
): ScanReport {
  const tempFilesRemoved = store.clearTemp();
  const onDisk = store.list();
  const at = now().toISOString();
  let orphans = 0;
  let missingRows = 0;
  db.transaction(() => {
    for (const sha of repo.distinctShas()) {
      if (onDisk.has(sha)) {
        repo.clearMissing(sha);
        continue;
      }
      const n = repo.markMissing(sha, at);
      if (n > 0) {
        missingRows += n;
        log(`照片文件丢失：${sha}（${n} 条记录已标记为缺失，请在“照片健康检查”中查看并重拍）`);
      }
    }
    for (const [sha, size] of onDisk) {
      if (repo.isKnownSha(sha)) {
        repo.clearOrphan(sha);
        continue;
      }
      repo.recordOrphan(sha, size, at);
      orphans++;
    }
  }).immediate();
  if (orphans > 0) log(`发现 ${orphans} 个未登记的照片文件（可能是断电前未完成的拍摄），已保留并记录`);
  return { orphans, missingRows, tempFilesRemoved };
}
