# helper: reports its __name__ when imported
if __name__ == "__main__":
    role = "main"
else:
    role = "imported as " + __name__
