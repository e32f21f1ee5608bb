"""qlvbdh_policy: the province's document management and executive system
(phần mềm quản lý văn bản và điều hành) as a Plone 6.2 add-on."""

from setuptools import find_packages
from setuptools import setup

setup(
    name="qlvbdh_policy",
    version="0.1.0",
    description="Quản lý văn bản và điều hành (QLVBĐH) on Plone 6.2",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    classifiers=[
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
    ],
    python_requires=">=3.11",
    package_dir={"": "src"},
    packages=find_packages("src"),
    include_package_data=True,
    zip_safe=False,
    install_requires=[
        "setuptools",
        "Products.CMFPlone",
        "plone.app.contenttypes",
        "plone.app.dexterity",
        "plone.app.upgrade",
        "plone.app.versioningbehavior",
        "plone.api",
        "plone.restapi",
        "Products.CMFPlacefulWorkflow",
        "collective.easyform",
        "openpyxl",
        "reportlab",
        # the print mark on a document's own PDF (NĐ 30/2020 Phụ lục VI III.6.k)
        "pypdf",
        # signatures/: verify PAdES/CMS signatures on attached PDFs and apply
        # the agency's own signature at issue (NĐ 30/2020 Điều 4, Phụ lục I)
        "pyHanko",
        "pyhanko-certvalidator",
        "cryptography",
        "plonetheme.barceloneta",
        # make run DATABASE_URL=postgresql://...: RelStorage on PostgreSQL
        "RelStorage",
        "psycopg2-binary",
        # the OpenAPI description (restapi/openapi.yaml), served at @openapi
        "PyYAML",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.testing",
            "aiosmtpd",
            "pytest",
            "pytest-plone",
            "zope.pytestlayer",
            "playwright",
            "requests",
            # tests/test_openapi.py: the description validates, answers match it
            "openapi-spec-validator",
            "jsonschema",
            "zc.buildout",
            "plone.recipe.zope2instance",
            # make bench: the load scenario's generator (bench/bench_load.py)
            "locust",
            # make lint (run by make test first): see ruff.toml
            "ruff",
            # tests/test_i18n.py: Plone's standard msgid extraction (rebuild-pot)
            "i18ndude",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
    },
)
