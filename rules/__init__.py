"""The newslint rule catalog: one module per Python rule, YAML packs in packs/."""
