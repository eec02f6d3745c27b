// The host page listens to the widget's events. This classic script runs before the module
// above (modules are deferred), so it sees the very first estimate.
(function () {
  var widget = document.querySelector('spm-estimator');
  var log = document.getElementById('host-log');
  window.hostEvents = [];
  function add(kind, text, cls) {
    var li = document.createElement('li');
    if (cls) li.className = cls;
    var k = document.createElement('span');
    k.className = 'kind';
    k.textContent = kind + ' ';
    li.append(k, text);
    log.prepend(li);
    while (log.children.length > 30) log.lastElementChild.remove();
  }
  widget.addEventListener('estimate', function (event) {
    var deal = event.detail.deals[0];
    window.hostEvents.push({ type: 'estimate', at: performance.now(), detail: event.detail });
    if (window.firstEstimateMs === undefined) {
      window.firstEstimateMs = performance.now();
      add('ready', 'first estimate ' + Math.round(window.firstEstimateMs) + ' ms after navigation start');
    }
    add('estimate', deal.amount + ' adds ' + deal.adds + ' ' + event.detail.currency + ' (' + deal.period + ')');
  });
  widget.addEventListener('error', function (event) {
    window.hostEvents.push({ type: 'error', at: performance.now(), detail: event.detail });
    add('error', event.detail.code + ': ' + event.detail.message, 'error');
  });
})();
