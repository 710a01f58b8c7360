// Runs before the app: the database folder lives in IndexedDB. It is loaded
// into /rolefit before main() starts, and saved back after every write the
// app reports (Module.rolefitSave), one save at a time (again when more was
// written meanwhile), and when the page is hidden: a page being closed
// cannot wait for IndexedDB, so nothing may be left only in memory then.
Module.preRun = Module.preRun || [];
Module.preRun.push(function () {
  FS.mkdir('/rolefit');
  FS.mount(IDBFS, {}, '/rolefit');
  addRunDependency('rolefit-load');
  function load() {
    FS.syncfs(true, function (error) {
      if (error) console.error('RoleFit: the saved data could not be read:', error);
      Module.rolefitStorage = error ? 'unavailable' : 'loaded';
      Module.rolefitHadData = FS.analyzePath('/rolefit/rolefit.db').exists;  // a return visit
      removeRunDependency('rolefit-load');
    });
    // Browsers may evict a site's storage (Safari, for sites not installed):
    // ask to keep it. A refusal changes nothing today; the README says so.
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().then(function (kept) { Module.rolefitPersistent = kept; });
    }
  }
  // One tab at a time: each tab holds its own copy of the database and the
  // last to save would silently overwrite the other's changes. The first
  // tab holds the lock for as long as it is open; a second one says so and
  // does not start.
  if (!navigator.locks) { load(); return; }
  navigator.locks.request('rolefit-data', {ifAvailable: true}, function (lock) {
    if (!lock) {
      Module.rolefitRefused = true;
      var status = document.getElementById('status');
      if (status) {
        status.textContent = 'RoleFit is already open in another tab of this browser. Use that tab, or close it ' +
          'and reload this one: two tabs would overwrite each other\'s changes.';
      }
      return;
    }
    load();
    return new Promise(function () {});  // held while the page lives
  });
});

(function () {
  var again = false;
  Module.rolefitSaving = false;
  Module.rolefitSaved = 0;  // completed saves, for the status bar and the tests
  Module.rolefitSave = function () {
    if (Module.rolefitStorage !== 'loaded') return;  // nothing to save to: the status bar says so
    if (Module.rolefitSaving) { again = true; return; }
    Module.rolefitSaving = true;
    FS.syncfs(false, function (error) {
      Module.rolefitSaving = false;
      Module.rolefitSaveFailed = !!error;
      if (error) console.error('RoleFit: saving to the browser storage failed:', error);
      else Module.rolefitSaved++;
      if (again) { again = false; Module.rolefitSave(); }
    });
  };
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && Module.rolefitSave) Module.rolefitSave();
  });
  window.addEventListener('pagehide', function () { if (Module.rolefitSave) Module.rolefitSave(); });
})();
