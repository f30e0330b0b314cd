from storyline.cli import main

# Guarded: processes started with "spawn" (serve's story builder, Dask's local workers) import
# the main module again, and must not run the command a second time.
if __name__ == "__main__":
    main()
