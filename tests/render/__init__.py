"""Tests of rendering: summaries (md/html/txt), the build command and the PDF synopsis."""
