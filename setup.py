"""Ship ``ontology/`` and ``queries/`` inside the wheel without a second copy in the repository.

They stay at the top of the checkout (where users and docs find them); at build time they
are copied into the built package as ``kg/data/ontology`` and ``kg/data/queries``, where
``kg.resources.resource_dir`` looks first. Everything else is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("ontology", "queries")


class BuildWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        root = Path(__file__).resolve().parent
        for name in SHIPPED:
            target = Path(self.build_lib) / "kg" / "data" / name
            shutil.copytree(root / name, target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
