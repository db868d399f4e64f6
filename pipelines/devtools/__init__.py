"""Development tools, apart from the product's stages: the demo snapshot server and the evaluation harness."""
