print("gnapterm")
