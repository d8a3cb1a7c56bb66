// GET /dashboard: the recovery metrics of docs/http-api.md section 4 as charts. Plain script, no
// build step. The viewer key lives in sessionStorage: this tab's session only, never a cookie, so
// no other page of the service is sent it without asking.
'use strict';
(function () {
  const KEY = 'smart-retry.viewer-key';
  const WEEKS = 'smart-retry.dashboard-weeks';
  const DAY = 86400000;
  const css = getComputedStyle(document.documentElement);
  const colour = (name) => css.getPropertyValue('--' + name).trim();
  const C = {
    ink: colour('ink'), muted: colour('muted'), line: colour('line'), rate: colour('rate'),
    recovered: colour('recovered'), inRecovery: colour('in-recovery'), lost: colour('lost'),
    exhausted: colour('bad'), stopped: '#a855f7', resolved: '#0ea5e9',
    smart: colour('rate'), control: '#f97316',
  };
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const $ = (selector) => document.querySelector(selector);
  let generation = 0;

  /** A 401 or 403: the key is wrong or of a role that may not read metrics. */
  class KeyRefused extends Error {
    constructor(status) {
      super('key refused: ' + status);
      this.status = status;
    }
  }

  // ---- formatting ----
  const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
  const percent0 = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
  const pct = (x) => (x == null ? '–' : percent.format(x));
  const points = (x) => (x == null ? '–' : (x >= 0 ? '+' : '−') + decimal.format(Math.abs(x) * 100) + ' pts');
  const hours = (h) => (h == null ? '–' : h < 48 ? decimal.format(h) + ' h' : decimal.format(h / 24) + ' days');
  const pValue = (p) => (p == null ? 'p = –' : p < 0.001 ? 'p < 0.001' : 'p = ' + p.toFixed(3));
  const shortDate = (iso) =>
    new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  function currencyFormat(currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch (e) {
      return null; // not a code this browser knows: shown as a plain number
    }
  }
  /** Amounts arrive in the currency's minor unit (cents); JPY has none, BHD three. */
  function major(minor, currency) {
    const format = currencyFormat(currency);
    const digits = format ? format.resolvedOptions().maximumFractionDigits : 2;
    return minor / Math.pow(10, digits);
  }
  function money(minor, currency) {
    const format = currencyFormat(currency);
    return format ? format.format(major(minor, currency)) : integer.format(minor) + ' ' + currency;
  }
  function compactMoney(minor, currency) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1,
      }).format(major(minor, currency));
    } catch (e) {
      return money(minor, currency);
    }
  }

  // ---- the API ----
  async function getJson(path, params) {
    const url = new URL(path, location.origin);
    Object.entries(params || {}).forEach(([name, value]) => {
      if (value != null) url.searchParams.set(name, value);
    });
    const response = await fetch(url, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401 || response.status === 403) throw new KeyRefused(response.status);
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (e) {
        // not a problem document; the status says enough
      }
      throw new Error(path + ' answered ' + response.status + ' ' + detail);
    }
    return response.json();
  }

  const instant = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
  function mondayOf(ms) {
    const date = new Date(ms);
    const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
    return midnight - ((date.getUTCDay() + 6) % 7) * DAY;
  }

  // ---- the page's states ----
  function askForKey(message) {
    generation++;
    $('#board').hidden = true;
    $('#key-form').hidden = false;
    ['#forget', '.window', '#as-of'].forEach((selector) => ($(selector).hidden = true));
    $('#key-problem').hidden = !message;
    $('#key-problem').textContent = message || '';
    $('#key').value = '';
    $('#key').focus();
    document.body.dataset.state = 'key';
  }

  function refused(error) {
    sessionStorage.removeItem(KEY);
    askForKey(
      error.status === 401
        ? 'The service did not accept that key (401). Check it and enter it again.'
        : 'That key may not read metrics (403): it needs the viewer or admin role.');
  }

  function weeks() {
    const stored = Number(sessionStorage.getItem(WEEKS));
    return [4, 12, 26].includes(stored) ? stored : 12;
  }

  async function load() {
    const mine = ++generation;
    $('#key-form').hidden = true;
    $('#board').hidden = false;
    ['#forget', '.window', '#as-of'].forEach((selector) => ($(selector).hidden = false));
    $('#problem').hidden = true;
    document.body.dataset.state = 'loading';
    document.querySelectorAll('.window button').forEach((button) => {
      button.setAttribute('aria-pressed', String(Number(button.dataset.weeks) === weeks()));
    });
    try {
      if (typeof echarts === 'undefined') throw new Error('The chart library did not load.');
      // The service's clock, not the browser's, says what "now" is: under a simulation clock
      // (SMART_RETRY_CLOCK_START) they can be months apart. The default window ends at it.
      const now = Date.parse((await getJson('/v1/metrics/recovery')).to);
      const window = { from: instant(mondayOf(now) - (weeks() - 1) * 7 * DAY), to: instant(now) };
      const recovery = (groupBy) => getJson('/v1/metrics/recovery', { ...window, group_by: groupBy });
      const answers = await Promise.allSettled([
        recovery(null), recovery('week'), recovery('decline_code'), recovery('retry_number'),
        recovery('local_hour'), getJson('/v1/metrics/uplift', window),
        getJson('/v1/metrics/time-to-recovery', window), getJson('/v1/metrics/calibration', window),
      ]);
      if (mine !== generation) return;
      const refusal = answers.find((a) => a.status === 'rejected' && a.reason instanceof KeyRefused);
      if (refusal) return refused(refusal.reason);
      const [all, week, decline, retry, hour, uplift, ttr, calibration] = answers;
      $('#as-of').textContent =
        shortDate(window.from) + ' – ' + shortDate(window.to) + ' · by first failure';
      const drawn = [
        show(all, null, (a) => headline(a, uplift.value, ttr.value)),
        show(week, 'week', (a) => weekChart(a, window)),
        show(all, 'status', statusChart),
        show(all, 'amount', amountChart),
        show(uplift, 'uplift', upliftChart),
        show(decline, 'decline', declineChart),
        show(retry, 'retry', retryChart),
        show(hour, 'hour', hourChart),
        show(ttr, 'ttr', ttrChart),
        show(calibration, 'calibration', calibrationChart),
      ];
      const failures = answers.filter((a) => a.status === 'rejected').map((a) => a.reason.message);
      if (failures.length) {
        $('#problem').hidden = false;
        $('#problem').textContent = 'Some figures could not be read: ' + [...new Set(failures)].join('; ');
      }
      await Promise.all(drawn);
      if (mine === generation) document.body.dataset.state = failures.length ? 'partial' : 'ready';
    } catch (error) {
      if (error instanceof KeyRefused) return refused(error);
      if (mine !== generation) return;
      $('#problem').hidden = false;
      $('#problem').textContent = 'The metrics could not be read: ' + error.message;
      document.body.dataset.state = 'error';
    }
  }

  /** Draws one figure from its answer, or marks its chart ({@code name}) as failed. */
  function show(answer, name, render) {
    if (answer.status === 'fulfilled') return render(answer.value);
    if (name) blank(chartElement(name), 'error', 'Could not read these figures.');
    return Promise.resolve();
  }

  // ---- charts ----
  const chartElement = (name) => document.querySelector('[data-chart="' + name + '"]');

  function blank(el, state, message) {
    const chart = echarts.getInstanceByDom(el);
    if (chart) chart.dispose();
    el.dataset.state = state;
    el.dataset.message = message;
  }

  function note(name, text) {
    document.querySelector('[data-note="' + name + '"]').textContent = text || '';
  }

  /** Draws {@code option} in chart {@code name}; without one, the chart's explicit empty state. */
  function draw(name, option, emptyMessage) {
    const el = chartElement(name);
    if (!option) {
      blank(el, 'empty', emptyMessage);
      return Promise.resolve();
    }
    const chart = echarts.getInstanceByDom(el) || echarts.init(el);
    el.dataset.state = 'drawing';
    return new Promise((resolve) => {
      chart.off('finished');
      chart.on('finished', () => {
        chart.off('finished');
        el.dataset.state = 'drawn';
        resolve();
      });
      chart.setOption(
        Object.assign(
          {
            animation: !reducedMotion,
            animationDuration: 400,
            textStyle: { color: C.ink },
            tooltip: { trigger: 'axis', confine: true },
          },
          option),
        true);
    });
  }

  // One line at any width (a phone scrolls it), so that it never runs into the chart below.
  const legend = { type: 'scroll', top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: C.muted } };
  const grid = { left: 4, right: 4, top: 40, bottom: 4, containLabel: true };
  const rateAxis = (extra) => Object.assign({
    type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => percent0.format(v) },
  }, extra);
  const countAxis = { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: C.line } } };
  const rateLine = (data, name) => ({
    name: name || 'Recovery rate', type: 'line', yAxisIndex: 1, data, color: C.rate,
    symbolSize: 7, connectNulls: true, lineStyle: { width: 3 },
    tooltip: { valueFormatter: pct },
  });
  const MOST_CURRENCIES = 5;
  const byKey = (groups) => new Map((groups || []).map((g) => [g.key, g]));

  function headline(all, uplift, ttr) {
    const g = (all.groups || [])[0] || {};
    const kpi = (name, big, sub) => {
      document.querySelector('[data-kpi="' + name + '"] .big').textContent = big;
      document.querySelector('[data-kpi="' + name + '"] .sub').textContent = sub;
    };
    kpi('rate', pct(g.recovery_rate),
      integer.format(g.recovered_invoices || 0) + ' of ' + integer.format(g.failed_invoices || 0) +
        ' failed invoices');
    // Currencies have no common unit: the one in the page's ?currency= leads (a bookmark of the
    // merchant's home currency), else the largest amount in major units; the next two follow.
    const preferred = (new URLSearchParams(location.search).get('currency') || '').toUpperCase();
    const rank = ([c, amount]) => (c === preferred ? Infinity : major(amount, c));
    const recovered = Object.entries(g.recovered_amount_minor || {})
      .filter(([, amount]) => amount > 0)
      .sort((a, b) => rank(b) - rank(a));
    if (recovered.length) {
      const [currency, amount] = recovered[0];
      const failed = (g.failed_amount_minor || {})[currency] || 0;
      const others = recovered.slice(1, 3).map(([c, a]) => compactMoney(a, c));
      const more = recovered.length > 3 ? ' and ' + (recovered.length - 3) + ' more currencies' : '';
      kpi('amount', compactMoney(amount, currency),
        'of ' + compactMoney(failed, currency) + ' failed' + (others.length ? ' · also ' + others.join(', ') + more : ''));
    } else {
      kpi('amount', '–', 'nothing recovered yet');
    }
    kpi('flight', integer.format(g.in_recovery_invoices || 0),
      'invoices with retries to come · ' + integer.format(g.retries_executed || 0) + ' retries run');
    if (uplift) {
      // Greyed while measuring: a figure from a few invoices is no verdict.
      document.querySelector('[data-kpi="uplift"]').dataset.status =
        uplift.status === 'significant' ? (uplift.uplift >= 0 ? 'better' : 'worse') : uplift.status;
      kpi('uplift', points(uplift.uplift),
        uplift.status === 'measuring'
          ? 'measuring: ' + integer.format(uplift.smart.invoices) + ' smart, ' +
              integer.format(uplift.control.invoices) + ' control final invoices (100 each needed)'
          : (uplift.uplift_ci95 ? '95 % CI ' + points(uplift.uplift_ci95[0]) + ' to ' +
              points(uplift.uplift_ci95[1]) + ' · ' : '') + uplift.status.replace('_', ' '));
    }
    kpi('median', hours(ttr ? ttr.median_hours : g.median_hours_to_recovery),
      g.retries_per_recovery == null ? 'no recovery yet'
        : decimal.format(g.retries_per_recovery) + ' retries per recovery');
    return Promise.resolve();
  }

  function weekChart(answer, window) {
    const groups = byKey(answer.groups);
    const weeks = [];
    for (let t = mondayOf(Date.parse(window.from)); t <= Date.parse(window.to); t += 7 * DAY) {
      const key = new Date(t).toISOString().slice(0, 10);
      weeks.push(Object.assign({ key }, groups.get(key)));
    }
    const failed = weeks.reduce((sum, w) => sum + (w.failed_invoices || 0), 0);
    note('week', 'Invoices by the week of their first failure; the latest weeks are still being retried.');
    if (!failed) return draw('week', null, 'No failed invoice in this window.');
    const n = (w, field) => w[field] || 0;
    return draw('week', {
      legend,
      grid,
      xAxis: { type: 'category', data: weeks.map((w) => shortDate(w.key)) },
      yAxis: [countAxis, rateAxis({ splitLine: { show: false } })],
      series: [
        { name: 'Recovered', type: 'bar', stack: 'i', color: C.recovered, data: weeks.map((w) => n(w, 'recovered_invoices')) },
        { name: 'In recovery', type: 'bar', stack: 'i', color: C.inRecovery, data: weeks.map((w) => n(w, 'in_recovery_invoices')) },
        {
          name: 'Not recovered', type: 'bar', stack: 'i', color: C.lost, barMaxWidth: 48,
          data: weeks.map((w) => n(w, 'failed_invoices') - n(w, 'recovered_invoices') - n(w, 'in_recovery_invoices')),
        },
        rateLine(weeks.map((w) => (w.recovery_rate == null ? null : w.recovery_rate))),
      ],
    });
  }

  function statusChart(answer) {
    const g = (answer.groups || [])[0] || {};
    note('status', integer.format(g.failed_invoices || 0) + ' failed invoices in the window');
    const parts = [
      ['Recovered', g.recovered_invoices, C.recovered],
      ['In recovery', g.in_recovery_invoices, C.inRecovery],
      ['Exhausted', g.exhausted_invoices, C.exhausted],
      ['Stopped', g.stopped_invoices, C.stopped],
      ['Resolved elsewhere', g.resolved_invoices, C.resolved],
    ].filter(([, count]) => count > 0);
    if (!parts.length) return draw('status', null, 'No failed invoice in this window.');
    return draw('status', {
      tooltip: { trigger: 'item', valueFormatter: integer.format },
      legend: Object.assign({}, legend, { type: 'plain', top: 'auto', bottom: 0 }),
      series: [{
        type: 'pie', radius: ['42%', '68%'], center: ['50%', '45%'], avoidLabelOverlap: true,
        label: { formatter: '{c}', color: C.ink }, itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: parts.map(([name, value, color]) => ({ name, value, itemStyle: { color } })),
      }],
    });
  }

  function amountChart(answer) {
    const g = (answer.groups || [])[0] || {};
    const failed = g.failed_amount_minor || {};
    const recovered = g.recovered_amount_minor || {};
    const rec = (c) => recovered[c] || 0;
    // The largest failed amounts (in major units) at the top: a horizontal axis lists from the bottom.
    const all = Object.keys(failed).filter((c) => failed[c] > 0)
      .sort((a, b) => major(failed[b], b) - major(failed[a], a));
    const currencies = all.slice(0, MOST_CURRENCIES).reverse();
    note('amount', 'Share of the failed amount recovered, per currency' +
      (all.length > currencies.length ? ' · the ' + currencies.length + ' largest of ' + all.length : ''));
    if (!currencies.length) return draw('amount', null, 'No failed amount in this window.');
    // Currencies have no common unit: each bar is its currency's failed amount, 100 %, and the
    // amounts are written beside it.
    const share = (c) => rec(c) / failed[c];
    return draw('amount', {
      legend,
      grid: Object.assign({}, grid, { right: 20 }),
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
        formatter: (items) => {
          const c = currencies[items[0].dataIndex];
          return c + '<br>Recovered ' + money(rec(c), c) + ' (' + pct(share(c)) + ')<br>Failed ' + money(failed[c], c);
        } },
      xAxis: rateAxis(),
      yAxis: { type: 'category', data: currencies },
      series: [
        {
          // Thin bars: room above each for its amounts.
          name: 'Recovered', type: 'bar', stack: 'a', color: C.recovered, barMaxWidth: 28, barCategoryGap: '55%',
          data: currencies.map(share),
          // The amounts, written above each bar.
          label: { show: true, position: [4, -20], color: C.ink, fontWeight: 600,
            formatter: (p) => compactMoney(rec(p.name), p.name) + ' of ' + compactMoney(failed[p.name], p.name) +
              ' · ' + pct(p.value) },
        },
        { name: 'Not recovered', type: 'bar', stack: 'a', color: C.lost, data: currencies.map((c) => 1 - share(c)) },
      ],
    });
  }

  function upliftChart(answer) {
    const status = $('#uplift-status');
    status.textContent = answer.status.replace('_', ' ');
    status.dataset.status = answer.status;
    const arms = [['Control', answer.control, C.control], ['Smart', answer.smart, C.smart]]
      .filter(([, arm]) => arm && arm.invoices > 0 && arm.recovery_rate != null);
    note('uplift', answer.uplift == null
      ? 'Final invoices of each arm, with 95 % intervals; the uplift needs both arms.'
      : 'Uplift ' + points(answer.uplift) + ' (95 % CI ' + points(answer.uplift_ci95[0]) + ' to ' +
          points(answer.uplift_ci95[1]) + '), ' + pValue(answer.p_value) +
          (answer.status === 'measuring' ? ' · measuring until each arm has 100 final invoices' : ''));
    if (!arms.length) {
      return draw('uplift', null, 'No final invoice in either arm yet: the comparison counts invoices whose plan has ended.');
    }
    const lows = arms.map(([, a]) => (a.ci95 ? a.ci95[0] : a.recovery_rate));
    const highs = arms.map(([, a]) => (a.ci95 ? a.ci95[1] : a.recovery_rate));
    // Bounds on the axis's own ticks, so that it does not end on an odd value.
    const step = Math.max(...highs) - Math.min(...lows) > 0.4 ? 0.2 : 0.1;
    const min = Math.max(0, Math.round(Math.floor((Math.min(...lows) - 0.02) / step) * step * 10) / 10);
    const max = Math.min(1, Math.round(Math.ceil((Math.max(...highs) + 0.02) / step) * step * 10) / 10);
    return draw('uplift', {
      grid: Object.assign({}, grid, { top: 16, right: 16 }),
      tooltip: { trigger: 'item', confine: true,
        formatter: (p) => {
          const arm = arms[p.dataIndex][1];
          return arms[p.dataIndex][0] + ': ' + pct(arm.recovery_rate) + ' of ' + integer.format(arm.invoices) +
            ' invoices' + (arm.ci95 ? '<br>95 % CI ' + pct(arm.ci95[0]) + ' to ' + pct(arm.ci95[1]) : '');
        } },
      xAxis: rateAxis({ min, max, interval: step }),
      yAxis: { type: 'category', data: arms.map(([name]) => name) },
      series: [
        {
          name: '95 % interval', type: 'custom',
          data: arms.map(([, a, color], i) => ({ value: [lows[i], highs[i], i], itemStyle: { color } })),
          encode: { x: [0, 1], y: 2 },
          renderItem: (params, api) => {
            const lo = api.coord([api.value(0), api.value(2)]);
            const hi = api.coord([api.value(1), api.value(2)]);
            const style = { stroke: api.visual('color'), lineWidth: 3 };
            const cap = 10;
            return { type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style },
            ] };
          },
        },
        {
          name: 'Recovery rate', type: 'scatter', symbolSize: 16,
          data: arms.map(([, a, color], i) => ({ value: [a.recovery_rate, i], itemStyle: { color } })),
          label: { show: true, position: 'top', distance: 10, fontWeight: 600,
            formatter: (p) => pct(arms[p.dataIndex][1].recovery_rate) + ' of ' + integer.format(arms[p.dataIndex][1].invoices) },
        },
      ],
    });
  }

  function declineChart(answer) {
    const groups = (answer.groups || []).filter((g) => g.failed_invoices > 0)
      .sort((a, b) => b.failed_invoices - a.failed_invoices).slice(0, 8).reverse();
    note('decline', 'Recovery rate by the first failure\'s decline code; bar labels give the invoices');
    if (!groups.length) return draw('decline', null, 'No failed invoice in this window.');
    return draw('decline', {
      // Room for the labels of bars that reach 100 %.
      grid: Object.assign({}, grid, { top: 8, right: 72 }),
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' },
        formatter: (items) => {
          const g = groups[items[0].dataIndex];
          return g.key + '<br>' + pct(g.recovery_rate) + ' recovered: ' + integer.format(g.recovered_invoices) +
            ' of ' + integer.format(g.failed_invoices);
        } },
      xAxis: rateAxis(),
      yAxis: { type: 'category', data: groups.map((g) => g.key.replace(/_/g, ' ')) },
      series: [{
        name: 'Recovery rate', type: 'bar', color: C.rate, barMaxWidth: 28,
        data: groups.map((g) => g.recovery_rate || 0),
        label: { show: true, position: 'right', color: C.muted,
          formatter: (p) => pct(groups[p.dataIndex].recovery_rate) + ' · ' + integer.format(groups[p.dataIndex].failed_invoices) },
      }],
    });
  }

  /** Retries and the recoveries they made, with the retries' success rate, by a retry's key. */
  function retriesOption(groups, labels) {
    return {
      legend,
      grid,
      xAxis: { type: 'category', data: labels },
      yAxis: [countAxis, rateAxis({ splitLine: { show: false } })],
      series: [
        { name: 'Retried', type: 'bar', color: C.lost, barGap: '-100%', barMaxWidth: 40, data: groups.map((g) => (g ? g.failed_invoices : 0)) },
        { name: 'Recovered', type: 'bar', color: C.recovered, barMaxWidth: 40, data: groups.map((g) => (g ? g.recovered_invoices : 0)) },
        rateLine(groups.map((g) => (g && g.recovery_rate != null ? g.recovery_rate : null)), 'Success rate'),
      ],
    };
  }

  function retryChart(answer) {
    const groups = (answer.groups || []).filter((g) => g.retries_executed > 0 || g.failed_invoices > 0)
      .sort((a, b) => Number(a.key) - Number(b.key));
    note('retry', 'Invoices retried by each retry, and those it recovered');
    if (!groups.length) return draw('retry', null, 'No retry has run for this window\'s invoices yet.');
    return draw('retry', retriesOption(groups, groups.map((g) => '#' + g.key)));
  }

  function hourChart(answer) {
    const groups = byKey((answer.groups || []).filter((g) => g.retries_executed > 0 || g.failed_invoices > 0));
    note('hour', 'By the hour of the retry in the customer\'s time zone');
    if (!groups.size) return draw('hour', null, 'No retry has run for this window\'s invoices yet.');
    const hours = Array.from({ length: 24 }, (_, h) => groups.get(String(h)) || null);
    return draw('hour', retriesOption(hours, hours.map((_, h) => String(h))));
  }

  function ttrChart(answer) {
    const buckets = (answer.buckets || []).slice().sort((a, b) => a.from_hours - b.from_hours);
    const total = buckets.reduce((sum, b) => sum + b.recovered_invoices, 0);
    const inDays = answer.bucket_hours % 24 === 0;
    note('ttr', total ? (inDays ? 'Days' : 'Hours') + ' from first failure to recovery · median ' +
      hours(answer.median_hours) : '');
    if (!total) return draw('ttr', null, 'No invoice of this window has been recovered yet.');
    const label = (h) => (inDays ? decimal.format(h / 24) : decimal.format(h));
    return draw('ttr', {
      grid: Object.assign({}, grid, { top: 16 }),
      tooltip: { trigger: 'axis', confine: true, valueFormatter: integer.format },
      xAxis: { type: 'category',
        data: buckets.map((b) => label(b.from_hours) + '–' + label(b.to_hours)) },
      yAxis: countAxis,
      series: [{ name: 'Recovered invoices', type: 'bar', color: C.recovered, barMaxWidth: 40,
        data: buckets.map((b) => b.recovered_invoices) }],
    });
  }

  function calibrationChart(answer) {
    const bins = (answer.bins || []).filter((b) => b.retries > 0);
    // The drift: the last weeks' log loss, oldest first; a rising one says it is time to retrain.
    const weeks = (answer.weeks || []).filter((w) => w.log_loss != null).slice(-6);
    note('calibration', answer.retries
      ? integer.format(answer.retries) + ' scheduled retries · log loss ' +
          (answer.log_loss == null ? '–' : answer.log_loss.toFixed(3)) +
          (weeks.length > 1 ? ' · by week ' + weeks.map((w) => w.log_loss.toFixed(3)).join(' → ') : '')
      : '');
    if (!bins.length) return draw('calibration', null, 'No retry run by the scheduler in this window yet.');
    const most = Math.max(...bins.map((b) => b.retries));
    return draw('calibration', {
      legend,
      grid: Object.assign({}, grid, { left: 28, right: 16, bottom: 24 }),
      tooltip: { trigger: 'item', confine: true,
        formatter: (p) => (p.seriesIndex === 0 ? 'Perfect calibration'
          : 'Predicted ' + pct(bins[p.dataIndex].mean_predicted) + '<br>Observed ' +
              pct(bins[p.dataIndex].observed_rate) + '<br>' + integer.format(bins[p.dataIndex].retries) + ' retries') },
      xAxis: rateAxis({ name: 'predicted', nameLocation: 'middle', nameGap: 24 }),
      yAxis: rateAxis({ name: 'observed', nameLocation: 'middle', nameGap: 44, splitLine: { lineStyle: { color: C.line } } }),
      series: [
        { name: 'Perfect calibration', type: 'line', data: [[0, 0], [1, 1]], symbol: 'none', color: C.muted,
          lineStyle: { type: 'dashed', width: 1 } },
        { name: 'Live model', type: 'line', color: C.rate, lineStyle: { width: 2 },
          data: bins.map((b) => [b.mean_predicted, b.observed_rate]),
          symbolSize: (value, p) => 6 + 14 * Math.sqrt(bins[p.dataIndex].retries / most) },
      ],
    });
  }

  // ---- wiring ----
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('#key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    load();
  });
  $('#forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    askForKey();
  });
  document.querySelectorAll('.window button').forEach((button) =>
    button.addEventListener('click', () => {
      sessionStorage.setItem(WEEKS, button.dataset.weeks);
      load();
    }));
  const resized = new ResizeObserver((entries) => entries.forEach((entry) => {
    const chart = typeof echarts === 'undefined' ? null : echarts.getInstanceByDom(entry.target);
    // At once, not animated: a screenshot or a phone turned sideways sees the final layout.
    if (chart) chart.resize({ animation: { duration: 0 } });
  }));
  document.querySelectorAll('[data-chart]').forEach((el) => resized.observe(el));

  if (sessionStorage.getItem(KEY)) load();
  else askForKey();
})();
