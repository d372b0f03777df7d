import type { ReactNode } from 'react';
import './components.css';

/** A labelled form control; `error` is the problem with this field, shown right under it. */
export function Field(props: {
  label: string;
  hint?: string;
  required?: boolean;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <label className="field">
      <span className="field-label">
        {props.label}
        {props.required && <span className="req">*</span>}
      </span>
      {props.children}
      {props.error ? (
        <span className="field-error">{props.error}</span>
      ) : (
        props.hint && <span className="field-hint">{props.hint}</span>
      )}
    </label>
  );
}
