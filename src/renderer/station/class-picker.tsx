import type { OrderView } from '../../shared/contract/views';
import { t } from '../i18n/zh-CN/index';
import { screenName } from '../../shared/domain/masking';

/** 按班级: the event's orders still to be charged, with whether their photo has passed 初审. */
export function ClassPicker(props: {
  candidates: OrderView[];
  picked: ReadonlySet<string>;
  filter: string;
  onFilter: (q: string) => void;
  onToggle: (id: string) => void;
  onPickAll: () => void;
}) {
  return (
    <section className="card grow">
      <h2>{t.payment.classPick}</h2>
      <div className="scanner-row" style={{ marginBottom: 8 }}>
        <input
          aria-label={t.payment.classSearch}
          placeholder={t.payment.classSearch}
          value={props.filter}
          maxLength={64}
          onChange={(e) => props.onFilter(e.target.value)}
        />
        <button type="button" onClick={props.onPickAll}>
          {t.payment.selectAll}
        </button>
      </div>
      {props.candidates.length === 0 && <p className="muted">{t.payment.noneWaiting}</p>}
      {props.candidates.length > 0 && (
        <table className="table" data-testid="class-list">
          <thead>
            <tr>
              <th />
              <th>{t.payment.columns.orderNo}</th>
              <th>{t.payment.columns.name}</th>
              <th>{t.payment.columns.studentNo}</th>
              <th>{t.payment.columns.photo}</th>
            </tr>
          </thead>
          <tbody>
            {props.candidates.map((o) => (
              <tr key={o.id} onClick={() => props.onToggle(o.id)}>
                <td>
                  <input type="checkbox" readOnly checked={props.picked.has(o.id)} aria-label={o.orderNo} />
                </td>
                <td className="mono">{o.orderNo}</td>
                <td>{screenName(o)}</td>
                <td className="mono">{o.studentNo}</td>
                <td>
                  {o.finalPhotoSha256 ? (
                    <span className="state-pill pending_review">{t.payment.photoPassed}</span>
                  ) : (
                    <span className="state-pill rejected">{t.payment.photoMissing}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
