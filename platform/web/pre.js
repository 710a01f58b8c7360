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
  FS.syncfs(true, function (error) {
    if (error) console.error('RoleFit: the saved data could not be read:', error);
    Module.rolefitStorage = error ? 'unavailable' : 'loaded';
    Module.rolefitHadData = FS.analyzePath('/rolefit/rolefit.db').exists;  // a return visit
    removeRunDependency('rolefit-load');
  });
});

(function () {
  var saving = false, again = false;
  Module.rolefitSaved = 0;  // completed saves, for the page and its tests
  Module.rolefitSave = function () {
    if (saving) { again = true; return; }
    saving = true;
    FS.syncfs(false, function (error) {
      saving = false;
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
