import type { RefObject } from 'react';
import type { ClassSummaryView } from '../../shared/contract/payments';
import type { OrderView } from '../../shared/contract/views';
import { screenName } from '../../shared/domain/masking';
import { t } from '../i18n/zh-CN/index';
import { classStatus, photoStatus, unphotographedIds } from './payment-state';

const P = t.payment;
const className = (c: ClassSummaryView) => c.className || P.noClass;

/**
 * 按班级: the classes of the current event (the roster's 班级) with students / checked in / unpaid / photo passed;
 * 收本班 picks a class's unpaid orders at once. Below, the orders to charge (the picked class's, else all) with
 * whether their photo has passed 初审, to untick one or filter.
 */
export function ClassPicker(props: {
  classes: readonly ClassSummaryView[];
  picked: ClassSummaryView | null;
  candidates: OrderView[];
  pickedIds: ReadonlySet<string>;
  filter: string;
  /** The 收本班 buttons by class name, for the focus after a payment. */
  classButtons: RefObject<Map<string, HTMLButtonElement>>;
  onPickClass: (c: ClassSummaryView, ids: readonly string[]) => void;
  onFilter: (q: string) => void;
  onToggle: (id: string) => void;
  onPickAll: () => void;
}) {
  const { picked } = props;
  const noPhoto = unphotographedIds(props.classes);
  const photoPill = {
    passed: ['pending_review', P.photoPassed],
    failed: ['rejected', P.photoMissing],
    none: ['pending_payment', P.photoNone],
  } as const;
  return (
    <section className="card grow">
      <h2>{P.classes}</h2>
      <p className="muted small">{P.classesHint}</p>
      {props.classes.length === 0 && <p className="muted">{P.noClasses}</p>}
      {props.classes.length > 0 && (
        <table className="table" data-testid="class-summary">
          <thead>
            <tr>
              <th>{P.classColumns.className}</th>
              <th>{P.classColumns.students}</th>
              <th>{P.classColumns.checkedIn}</th>
              <th>{P.classColumns.unpaid}</th>
              <th>{P.classColumns.photoPassed}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.classes.map((c) => (
              <tr
                key={c.className}
                data-class={c.className}
                className={picked?.className === c.className ? 'selected' : undefined}
              >
                <td>{className(c)}</td>
                <td>{c.students}</td>
                <td>{c.checkedIn}</td>
                <td>{c.unpaid}</td>
                <td>{c.photoPassed}</td>
                <td>
                  {classStatus(c) === 'charge' ? (
                    <button
                      type="button"
                      ref={(el) => {
                        if (el) props.classButtons.current.set(c.className, el);
                        else props.classButtons.current.delete(c.className);
                      }}
                      className={picked?.className === c.className ? 'primary' : undefined}
                      onClick={() => props.onPickClass(c, c.orderIds)}
                    >
                      {P.pickClass(c.orderIds.length)}
                    </button>
                  ) : (
                    <span className="muted small">{classStatus(c) === 'nobody' ? P.classNobody : P.classDone}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 style={{ marginTop: 16 }}>{picked ? P.classOrders(className(picked)) : P.allOrders}</h2>
      <div className="scanner-row" style={{ marginBottom: 8 }}>
        <input
          aria-label={P.classSearch}
          placeholder={P.classSearch}
          value={props.filter}
          maxLength={64}
          onChange={(e) => props.onFilter(e.target.value)}
        />
        <button type="button" onClick={props.onPickAll}>
          {P.selectAll}
        </button>
        {picked && picked.passedOrderIds.length > 0 && picked.passedOrderIds.length < picked.orderIds.length && (
          <button type="button" onClick={() => props.onPickClass(picked, picked.passedOrderIds)}>
            {P.onlyPassed(picked.passedOrderIds.length)}
          </button>
        )}
      </div>
      {props.candidates.length === 0 && <p className="muted">{P.noneWaiting}</p>}
      {props.candidates.length > 0 && (
        <table className="table" data-testid="class-list">
          <thead>
            <tr>
              <th />
              <th>{P.columns.orderNo}</th>
              <th>{P.columns.name}</th>
              <th>{P.columns.studentNo}</th>
              <th>{P.columns.photo}</th>
            </tr>
          </thead>
          <tbody>
            {props.candidates.map((o) => (
              <tr key={o.id} onClick={() => props.onToggle(o.id)}>
                <td>
                  <input type="checkbox" readOnly checked={props.pickedIds.has(o.id)} aria-label={o.orderNo} />
                </td>
                <td className="mono">{o.orderNo}</td>
                <td>{screenName(o)}</td>
                <td className="mono">{o.studentNo}</td>
                <td>
                  <span className={`state-pill ${photoPill[photoStatus(o, noPhoto)][0]}`}>
                    {photoPill[photoStatus(o, noPhoto)][1]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
