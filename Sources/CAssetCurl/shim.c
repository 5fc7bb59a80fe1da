#include "CAssetCurl.h"
