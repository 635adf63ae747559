# nested helper package
nested_flag = True
