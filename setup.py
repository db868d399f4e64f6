"""Package discovery only (the metadata is in pyproject.toml): the code packages, and the repository's ``data/``
folder shipped as the ``aiscout_data`` package so that an installed aiscout finds its language data,
gazetteers and demo snapshot outside the checkout."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["spiders*", "pipelines*", "schemas*"]), "aiscout_data"],
    package_dir={"aiscout_data": "data"},
    package_data={
        "aiscout_data": ["*.md", "lang/**/*.yaml", "lang/**/*.md", "gazetteers/*", "snapshots/**/*"],
        "spiders": ["*.yaml"],
    },
)
