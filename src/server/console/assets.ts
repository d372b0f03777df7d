// The review console and the student status page: static HTML, CSS and a small script each, served by
// the server itself (no build step, no third-party code). All text is Chinese; times in China time.

export const CONSOLE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #1f2933; background: #f4f6f8; }
header { display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #1d4f91; color: #fff; }
header h1 { font-size: 18px; margin: 0; flex: 1; }
header button { background: transparent; color: #fff; border: 1px solid #fff8; border-radius: 4px; padding: 4px 10px; cursor: pointer; }
main { padding: 16px 20px; }
.card { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px #0002; padding: 16px; }
.login { max-width: 360px; margin: 80px auto; display: grid; gap: 10px; }
.login input, .filters input, textarea { padding: 6px 8px; border: 1px solid #c5ced8; border-radius: 4px; font: inherit; }
button.primary { background: #1d4f91; color: #fff; border: 0; border-radius: 4px; padding: 8px 14px; font: inherit; cursor: pointer; }
.error { color: #b42318; min-height: 1.5em; }
.filters { display: flex; gap: 8px; margin-bottom: 12px; align-items: center; }
.layout { display: grid; grid-template-columns: 260px 1fr; gap: 16px; }
.queue { list-style: none; margin: 0; padding: 0; max-height: 75vh; overflow: auto; }
.queue li { padding: 8px 10px; border-bottom: 1px solid #e4e7eb; cursor: pointer; }
.queue li.current { background: #e6f0fb; }
.photos { display: flex; gap: 16px; align-items: flex-start; }
.photos figure { margin: 0; }
.photos img.final { width: 360px; height: 480px; object-fit: contain; background: #28befa; border: 1px solid #c5ced8; }
.photos img.original { width: 240px; max-height: 480px; object-fit: contain; border: 1px solid #c5ced8; }
.photos figcaption { color: #52606d; font-size: 12px; }
table.checks { border-collapse: collapse; margin-top: 8px; }
table.checks td { padding: 2px 8px; border-bottom: 1px solid #eef1f4; }
.fail { color: #b42318; } .warn { color: #b54708; } .pass { color: #067647; }
.reasons { display: none; margin-top: 12px; }
.reasons.open { display: block; }
.reasons ol { columns: 3; padding-left: 20px; }
.keys { color: #52606d; font-size: 12px; margin-top: 8px; }
.empty { padding: 40px; text-align: center; color: #52606d; }
.status { max-width: 420px; margin: 60px auto; display: grid; gap: 10px; }
.result h2 { margin: 0 0 8px; }
`;

export const CONSOLE_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>人工审核 · 集中采集服务</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/console/assets/console.css"></head>
<body>
<header><h1>人工审核 · 集中采集服务</h1><span id="who"></span><button id="logout" hidden>退出登录</button></header>
<main>
  <form id="login" class="card login" hidden>
    <h2>审核员登录</h2>
    <label>用户名 <input id="name" name="name" autocomplete="username" required></label>
    <label>密码 <input id="password" name="password" type="password" autocomplete="current-password" required></label>
    <button class="primary" type="submit">登录</button>
    <div class="error" id="login-error" role="alert"></div>
  </form>
  <section id="review" hidden>
    <div class="filters">
      <label>学校编码 <input id="f-school" size="8"></label>
      <label>活动 <input id="f-event" size="12"></label>
      <label>工作站 <input id="f-station" size="10"></label>
      <button id="f-apply" type="button">筛选</button>
      <span id="count"></span>
    </div>
    <div class="layout">
      <ul class="queue card" id="queue" aria-label="待审核订单"></ul>
      <div class="card" id="detail"></div>
    </div>
  </section>
</main>
<script src="/console/assets/console.js"></script>
</body></html>`;

export const CONSOLE_JS = `
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  let csrf = '';
  let reasons = [];
  let items = [];
  let current = 0;
  let rejecting = false;
  let picked = null;

  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    for (const c of children) e.append(c);
    return e;
  };

  async function api(path, body) {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) };
    const res = await fetch(path, { credentials: 'same-origin', ...init });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error((data.error && data.error.message) || '请求失败'), { status: res.status });
    return data;
  }

  function showLogin() {
    $('login').hidden = false; $('review').hidden = true; $('logout').hidden = true; $('who').textContent = '';
    $('name').focus();
  }

  async function start() {
    try {
      const me = await api('/console/api/me');
      csrf = me.csrf; reasons = me.reasons;
      $('who').textContent = me.user.name + '（' + (me.user.role === 'admin' ? '管理员' : '审核员') + '）';
      $('login').hidden = true; $('review').hidden = false; $('logout').hidden = false;
      await load();
    } catch (e) {
      showLogin();
    }
  }

  async function load() {
    const q = new URLSearchParams();
    if ($('f-school').value.trim()) q.set('school', $('f-school').value.trim());
    if ($('f-event').value.trim()) q.set('event', $('f-event').value.trim());
    if ($('f-station').value.trim()) q.set('station', $('f-station').value.trim());
    const data = await api('/console/api/queue?' + q);
    items = data.items; current = 0;
    render();
  }

  function render() {
    $('count').textContent = '待审核 ' + items.length + ' 单';
    const list = $('queue');
    list.replaceChildren(...items.map((it, i) => {
      const li = el('li', { className: i === current ? 'current' : '', textContent: it.orderNo + ' · ' + it.nameMasked + ' · ' + it.stateLabel });
      li.dataset.uuid = it.uuid;
      li.addEventListener('click', () => { current = i; rejecting = false; render(); });
      return li;
    }));
    const d = $('detail');
    const it = items[current];
    if (!it) { d.replaceChildren(el('div', { className: 'empty', textContent: '没有待审核的订单' })); return; }
    const finalImg = it.finalPhotoStored ? el('img', { className: 'final', src: '/console/photos/' + it.finalPhoto.sha256, alt: '成品照片' }) : el('div', { className: 'empty', textContent: '成品照片尚未上传完成' });
    const figs = [el('figure', {}, finalImg, el('figcaption', { textContent: '成品照片 · 初审' + (it.finalPhoto.precheck === 'passed' ? '合格' : '不合格') }))];
    if (it.originalPhoto && it.originalPhotoStored) figs.push(el('figure', {}, el('img', { className: 'original', src: '/console/photos/' + it.originalPhoto.sha256, alt: '原始照片' }), el('figcaption', { textContent: '原始照片' })));
    const checks = el('table', { className: 'checks' }, ...it.finalPhoto.checks.map((c) => el('tr', {},
      el('td', { textContent: c.id }), el('td', { className: c.status, textContent: c.status === 'pass' ? '通过' : c.status === 'warn' ? '提醒' : c.status === 'unmeasured' ? '初审时检测' : '不合格' }),
      el('td', { textContent: c.value === null ? '—' : String(c.value) }), el('td', { textContent: String(c.threshold) }), el('td', { textContent: c.message }))));
    const info = el('p', { textContent: [it.orderNo, it.schoolName + '（' + it.schoolCode + '）', it.nameMasked, '学号 ' + it.studentNo, it.educationLevel, it.major, '工作站 ' + it.station, '收到 ' + fmt.format(new Date(it.receivedAt)), it.stateLabel + (it.rejectReason ? '（上次驳回：' + it.rejectReason + '）' : '')].join(' · ') });
    const reasonList = el('ol', {}, ...reasons.map((r, i) => {
      const li = el('li', { textContent: r.label + '（' + (i + 1) + '）' });
      if (picked === r.code) li.style.fontWeight = 'bold';
      return li;
    }));
    const text = el('textarea', { id: 'reason-text', rows: 2, cols: 50, placeholder: '补充说明（选「其他」时必填），Enter 确认驳回，Esc 取消' });
    const panel = el('div', { className: 'reasons' + (rejecting ? ' open' : ''), id: 'reasons' }, el('strong', { textContent: '驳回原因：按数字键选择' }), reasonList, text);
    const buttons = el('p', {}, el('button', { className: 'primary', id: 'approve', textContent: '审核通过 (A)', onclick: approve }), ' ', el('button', { id: 'reject', textContent: '审核驳回 (R)', onclick: () => { rejecting = true; render(); } }));
    const msg = el('div', { className: 'error', id: 'decide-error', role: 'alert' });
    d.replaceChildren(info, el('div', { className: 'photos' }, ...figs), checks, buttons, panel, msg, el('div', { className: 'keys', textContent: '快捷键：A 通过 · R 驳回 · 1–9 选原因 · Enter 确认 · Esc 取消 · ↑↓ 切换订单' }));
    if (rejecting) text.focus();
  }

  async function decide(body) {
    const it = items[current];
    try {
      await api('/console/api/decide', { orderUuid: it.uuid, ...body });
      items.splice(current, 1);
      if (current >= items.length) current = Math.max(0, items.length - 1);
      rejecting = false; picked = null;
      render();
    } catch (e) {
      $('decide-error').textContent = e.message;
      if (e.status === 401) showLogin();
    }
  }
  function approve() { if (items[current]) decide({ decision: 'approved' }); }
  function reject() {
    if (!picked) { $('decide-error').textContent = '请先按数字键选择驳回原因'; return; }
    decide({ decision: 'rejected', reasonCode: picked, reasonText: $('reason-text').value });
  }

  document.addEventListener('keydown', (ev) => {
    if ($('review').hidden || !items.length) return;
    const inText = ev.target && ev.target.id === 'reason-text';
    if (rejecting) {
      if (ev.key === 'Escape') { rejecting = false; picked = null; render(); ev.preventDefault(); return; }
      if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); reject(); return; }
      if (!inText || !ev.target.value) {
        const n = Number(ev.key);
        if (Number.isInteger(n) && n >= 1 && n <= reasons.length) {
          ev.preventDefault(); picked = reasons[n - 1].code; render(); return;
        }
      }
      return;
    }
    if (ev.target && ev.target.tagName === 'INPUT') return;
    if (ev.key === 'a' || ev.key === 'A') { ev.preventDefault(); approve(); }
    else if (ev.key === 'r' || ev.key === 'R') { ev.preventDefault(); rejecting = true; render(); }
    else if (ev.key === 'ArrowDown') { ev.preventDefault(); current = Math.min(items.length - 1, current + 1); render(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); current = Math.max(0, current - 1); render(); }
  });

  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('login-error').textContent = '';
    try {
      await api('/console/api/login', { name: $('name').value, password: $('password').value });
      $('password').value = '';
      await start();
    } catch (e) { $('login-error').textContent = e.message; }
  });
  $('logout').addEventListener('click', async () => { await api('/console/api/logout', {}).catch(() => {}); csrf = ''; showLogin(); });
  $('f-apply').addEventListener('click', () => load().catch((e) => alertLine(e)));
  function alertLine(e) { $('count').textContent = e.message; }
  start();
})();
`;

export const STATUS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>我的订单 · 照片采集进度查询</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/console/assets/console.css"></head>
<body>
<header><h1>我的订单 · 照片采集进度查询</h1></header>
<main>
  <form id="status" class="card status">
    <label>订单号 <input id="order-no" required placeholder="如 S1-20260601-0042"></label>
    <label>证件号后 4 位 <input id="last4" required maxlength="4" inputmode="text"></label>
    <button class="primary" type="submit">查询</button>
    <div class="error" id="status-error" role="alert"></div>
    <div class="result" id="result" hidden><h2 id="state"></h2><p id="reason"></p><p id="advice"></p></div>
  </form>
</main>
<script src="/status/status.js"></script>
</body></html>`;

export const STATUS_JS = `
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  $('status').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('status-error').textContent = ''; $('result').hidden = true;
    const res = await fetch('/status/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderNo: $('order-no').value, idLast4: $('last4').value }) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) { $('status-error').textContent = (data.error && data.error.message) || '查询失败'; return; }
    $('state').textContent = data.stateLabel;
    $('reason').textContent = data.rejectReason ? '驳回原因：' + data.rejectReason : '';
    $('advice').textContent = data.advice;
    $('result').hidden = false;
  });
})();
`;
