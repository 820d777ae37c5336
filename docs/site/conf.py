# Sphinx configuration of the collection's docs site, which `make docs-site`
# builds from the RST that antsibull-docs renders out of the collection's
# metadata (modules, roles' argument specs, filters, tests, lookups).
# Started from `antsibull-docs sphinx-init`; kept here so the build needs no
# generated files in the repository.

project = 'selfhosted.jitsi'
copyright = 'selfhosted.jitsi maintainers'
title = 'selfhosted.jitsi: Jitsi Meet on Debian and Ubuntu'
html_short_title = 'selfhosted.jitsi'

extensions = ['sphinx_antsibull_ext']

pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

default_role = 'any'
nitpicky = True

# References into Ansible's own documentation (ansible.builtin modules, the
# common return values) resolve through intersphinx inventories downloaded
# from docs.ansible.com, which the build does not fetch: it runs offline.
# They render as plain text.  The collection's own references are checked
# by `make docs-lint` (antsibull-docs lint-collection-docs
# --validate-collection-refs dependent), which fails on one that points nowhere.
suppress_warnings = ['ref.ref']
