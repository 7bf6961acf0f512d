"""Pure document renderers: a contract payload (docs/contracts.md) in, file bytes out.

- ``pdf.render_pdf(kind, payload)`` (Typst), ``docx.render_docx(kind, payload)``,
  ``xlsx.render_xlsx(kind, payload)`` and ``xlsx.render_totals_xlsx(rows)``;
- ``bulk.render_many_to_zip(items, fileobj, progress)`` for bulk downloads.

``kind`` is one of ``evaluation_sheet``, ``plan``, ``performance_report``, ``assignments``.
All three formats render the same rows, built once by ``rows.build``; the fixed labels live in
``labels``. Import the submodule you need: each pulls in its own third-party library.
"""
