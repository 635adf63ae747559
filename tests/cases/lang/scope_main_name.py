# __name__ is "__main__" for the script being run
print(__name__)
def main():
    return "main ran"
if __name__ == "__main__":
    print(main())
else:
    print("imported")
print(type(__name__).__name__)
