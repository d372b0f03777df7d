import { useRef, useState } from 'react';
import { t } from '../../i18n';
import './data-folder.css';

// 数据文件夹 in an operator's words: what is kept there and how to open it (copy the path into the file manager).
// The clipboard needs a secure page (the desktop window, localhost); from another machine the path is selected
// instead, ready for Ctrl+C.

export function DataFolder({ dir }: { dir: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [done, setDone] = useState<string | null>(null);

  function selectPath() {
    const el = box.current;
    const sel = window.getSelection();
    if (!el || !sel) return;
    const range = document.createRange();
    range.selectNodeContents(el);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(dir);
      setDone(t.settings.station.dataDirCopied);
    } catch {
      selectPath();
      setDone(t.settings.station.dataDirSelected);
    }
  }

  return (
    <div className="field data-folder">
      <span className="field-label">{t.settings.station.dataDir}</span>
      <div className="data-folder-row">
        <div className="path-box" data-testid="data-dir" ref={box}>
          {dir}
        </div>
        <button type="button" onClick={() => void copy()}>
          {t.settings.station.copyPath}
        </button>
      </div>
      <span className="field-hint" role={done ? 'status' : undefined}>
        {done ?? t.settings.station.dataDirHint}
      </span>
      <span className="field-hint">{t.settings.station.dataDirOpen}</span>
    </div>
  );
}
