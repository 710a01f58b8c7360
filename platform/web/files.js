// Files in and out of the page. Opening: the browser's file chooser (only
// right after a tap or click, which is when the app asks), its files copied
// into /incoming and handed to the app as dropped files are. Saving: the app
// writes to /downloads, then the file is offered as a download, or to the
// share sheet on a phone whose browser can share files.
(function () {
  var input = null;
  Module.rolefitChosen = [];
  Module.rolefitOffered = [];

  Module.rolefitChooseFiles = function () {
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = '.json,.rfs,application/json';
      input.style.display = 'none';
      document.body.appendChild(input);
      input.addEventListener('change', function () {
        var files = Array.prototype.slice.call(input.files);
        input.value = '';
        Promise.all(files.map(function (file) {
          return file.arrayBuffer().then(function (bytes) {
            FS.mkdirTree('/incoming');
            var path = '/incoming/' + file.name.replace(/[\/\\]/g, '-');
            FS.writeFile(path, new Uint8Array(bytes));
            return path;
          });
        })).then(function (paths) { Array.prototype.push.apply(Module.rolefitChosen, paths); });
      });
    }
    input.click();
  };

  function download(file) {
    var url = URL.createObjectURL(file);
    var link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }

  Module.rolefitOfferFile = function (path) {
    var name = path.split('/').pop();
    var type = /\.json$/.test(name) ? 'application/json' : /\.csv$/.test(name) ? 'text/csv'
             : /\.md$/.test(name) ? 'text/markdown' : /\.html$/.test(name) ? 'text/html' : 'application/octet-stream';
    var file = new File([FS.readFile(path)], name, {type: type});
    Module.rolefitOffered.push(name);
    var phone = window.matchMedia && window.matchMedia('(pointer: coarse)').matches;
    if (phone && navigator.canShare && navigator.canShare({files: [file]})) {
      navigator.share({files: [file], title: name}).catch(function () { download(file); });
    } else {
      download(file);
    }
  };
})();
