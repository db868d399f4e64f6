"""aiscout's shipped data, installed as the ``aiscout_data`` package: language data (``lang/``), gazetteers and
the demo snapshot. ``pipelines.langdata.data_dir()`` finds it. Run outputs (``out/``, ``raw/``, ``state/``) are
not part of it."""
