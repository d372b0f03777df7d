import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { t } from '../i18n/zh-CN/index';
import './components.css';

// The app's own modal dialogs (Electron has no window.prompt/confirm). Built on <dialog>.showModal(): focus is
// kept inside, Esc cancels, the page behind is inert.

export function Dialog(props: {
  open: boolean;
  title: string;
  onCancel: () => void;
  children: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  actions: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      className="app-dialog"
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      {props.open && (
        <div className="app-dialog-body">
          <h2 id={titleId}>{props.title}</h2>
          {props.children}
          <div className="actions">{props.actions}</div>
        </div>
      )}
    </dialog>
  );
}

/** Yes/no question. */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      testId="confirm-dialog"
      actions={
        <>
          <button type="button" onClick={props.onCancel}>
            {t.common.cancel}
          </button>
          <button type="button" className={props.danger ? 'danger' : 'primary'} autoFocus onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <div>{props.message}</div>
    </Dialog>
  );
}

/**
 * Ask for a required reason (作废/退款/驳回/override). The confirm button stays usable; an empty reason is
 * answered next to the field. `error` shows a server-side problem without closing the dialog.
 */
export function ReasonDialog(props: {
  open: boolean;
  title: string;
  message?: ReactNode;
  label: string;
  confirmLabel: string;
  maxLength: number;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (props.open) {
      setReason('');
      setProblem(null);
    }
  }, [props.open]);
  const confirm = () => {
    const r = reason.trim();
    if (!r) return setProblem(t.dialog.reasonRequired(props.label));
    if (r.length > props.maxLength) return setProblem(t.dialog.tooLong(props.label, props.maxLength));
    props.onConfirm(r);
  };
  const shown = problem ?? props.error ?? null;
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      testId="reason-dialog"
      actions={
        <>
          <button type="button" onClick={props.onCancel}>
            {t.common.cancel}
          </button>
          <button type="button" className={props.danger ? 'danger' : 'primary'} disabled={props.busy} onClick={confirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {props.message && <div style={{ marginBottom: 10 }}>{props.message}</div>}
      <label className="field">
        <span className="field-label">
          {props.label}
          <span className="req">*</span>
        </span>
        <textarea
          autoFocus
          aria-label={props.label}
          className={shown ? 'invalid' : undefined}
          value={reason}
          maxLength={props.maxLength}
          onChange={(e) => {
            setReason(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              confirm();
            }
          }}
        />
        {shown && <span className="field-error">{shown}</span>}
      </label>
    </Dialog>
  );
}
