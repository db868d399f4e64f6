"""Development tools, apart from the product's stages: the demo snapshot server (``demo_server``), the evaluation
harness (``evaluation``), the CLDR export of language data (``cldr``), a headless-Chromium driver (``browser``)."""
