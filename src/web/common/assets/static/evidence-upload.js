// Evidence upload with a progress bar. Without JavaScript the form posts as it is (multipart, with
// the CSRF token in its address) and the server redirects; with it, the same form is sent with
// XMLHttpRequest, whose upload progress events fill the <progress> bar, and the server answers JSON:
// where to go on success, or the errors to show in a GOV.UK error summary.

const form = document.querySelector('form[data-evidence-upload]');

function escapeText(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}

function showErrors(errors) {
  const holder = document.querySelector('[data-upload-errors]');
  const items = errors.map((e) => `<li><a href="#${escapeText(e.field === 'file' ? 'file' : e.field)}">${escapeText(e.text)}</a></li>`).join('');
  holder.innerHTML =
    '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">' +
    '<h2 class="govuk-error-summary__title">There is a problem</h2>' +
    `<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">${items}</ul></div>` +
    '</div></div>';
  const summary = holder.querySelector('.govuk-error-summary');
  summary.setAttribute('tabindex', '-1');
  summary.focus();
  if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
}

if (form && window.XMLHttpRequest && window.FormData) {
  const progress = form.querySelector('[data-upload-progress]');
  const bar = progress.querySelector('progress');
  const text = progress.querySelector('[data-upload-progress-text]');
  const button = form.querySelector('[data-upload-submit]');

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    progress.hidden = false;
    bar.value = 0;
    text.textContent = 'Starting the upload';
    button.disabled = true;
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      text.textContent = `${percent}% uploaded`;
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response || {};
      if (xhr.status >= 200 && xhr.status < 300 && body.location) {
        bar.value = 100;
        text.textContent = 'Uploaded';
        window.location.assign(body.location);
        return;
      }
      progress.hidden = true;
      button.disabled = false;
      showErrors(body.errors || [{ field: 'file', text: 'The file could not be uploaded. Try again.' }]);
    });
    xhr.addEventListener('error', () => {
      progress.hidden = true;
      button.disabled = false;
      showErrors([{ field: 'file', text: 'The upload stopped before it finished. Check your connection and try again.' }]);
    });
    xhr.send(new FormData(form));
  });
}
