import type { ReactNode } from 'react';

export function Field(props: { label: string; hint?: string; required?: boolean; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">
        {props.label}
        {props.required && <span className="req">*</span>}
      </span>
      {props.children}
      {props.hint && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}
